package dev.aikagi.server.browser;

/** The window sizes the pages are checked at. */
enum Screen {
    /** A small phone held upright (CSS pixels). */
    PHONE(390, 844, true),
    /** A laptop or desktop window. */
    PC(1280, 900, false);

    final int width;
    final int height;
    final boolean phone;

    Screen(int width, int height, boolean phone) {
        this.width = width;
        this.height = height;
        this.phone = phone;
    }
}
