package dev.aikagi.testkit;

/** The window sizes pages are checked at. */
public enum Screen {
    /** A small phone held upright (CSS pixels). */
    PHONE(390, 844, true),
    /** A laptop or desktop window. */
    PC(1280, 900, false);

    public final int width;
    public final int height;
    public final boolean phone;

    Screen(int width, int height, boolean phone) {
        this.width = width;
        this.height = height;
        this.phone = phone;
    }
}
