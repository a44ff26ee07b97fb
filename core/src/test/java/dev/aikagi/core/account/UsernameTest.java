package dev.aikagi.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14, point 5: PRECIS (RFC 8265) and Unicode TS #39 for new names; old names still look up. */
class UsernameTest {

    @ParameterizedTest
    @CsvSource({
            "paypal77, paypal77",
            "Taro, taro",
            "'  taro ', taro",
            "ＴＡＲＯ, taro",                 // full width: width mapping, then case mapping
            "山田taro, 山田taro",               // Latin with Han, as Japanese writes
            "たろうtaro, たろうtaro",           // Latin with Hiragana
            "タロウ_taro, タロウ_taro",         // Latin with Katakana
            "ﾀﾛｳ, タロウ",                     // half-width Katakana to its full-width form
            "ｶﾞｸﾄ, ガクト",                       // and the half-width voiced mark composed (NFC)
            "ジョン・スミス, ジョン・スミス",     // KATAKANA MIDDLE DOT: CONTEXTO, among Katakana
            "taro.yamada@example.jp, taro.yamada@example.jp",
            "Κώστας, κώστας",                 // Greek alone is one script
            "иван, иван",                     // so is Cyrillic
            "straße, straße",                 // ß is PVALID (an exception of RFC 5892)
            "e\u0301mile, émile",             // NFC
            "김철수, 김철수",
    })
    void forNewAccountWhenPrecisAndOneWritingSystemThenItsCaseMappedForm(String typed, String expected) {
        assertThat(Username.forNewAccount(typed)).contains(expected);
        assertThat(Username.canonical(typed)).as("the login form finds it").contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "p\u0430ypal77",      // Latin with a Cyrillic а
            "\u03c1\u03b1ypal77", // Greek ρα with Latin
            "ta\u0440o",          // Cyrillic р inside Latin
            "иван-ivan",          // Cyrillic with Latin
            "ab",                 // too short
            "taro yamada",        // a space
            "ta\u200dro",         // ZERO WIDTH JOINER (CONTEXTJ, invisible)
            "ta\u00adro",         // SOFT HYPHEN: default ignorable
            "ﬁnance",             // a ligature: a compatibility character (HasCompat), not PVALID
            "①②③",               // circled digits: HasCompat
            "taro№1",             // a symbol
            "12３٤",             // digits from two numbering systems
            "・taro",             // KATAKANA MIDDLE DOT without Japanese around it
            "taro\u0301\u0301",   // the same mark twice
            "ـــ",                // ARABIC TATWEEL: DISALLOWED by RFC 5892
            "abcא",               // right-to-left letters after left-to-right: the Bidi rule
    })
    void forNewAccountWhenRuleBrokenThenEmpty(String typed) {
        assertThat(Username.forNewAccount(typed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ﬁnance", "taro№1"})
    void canonicalWhenNameOnlyTheOldRulesAllowedThenStillLooksUp(String typed) {
        // Existing accounts keep their names: the looser lookup form is unchanged.
        assertThat(Username.canonical(typed)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p\u0430ypal77", "\u03c1\u03b1ypal77", "paypa177", "PAYPAL77"})
    void skeletonWhenNameLooksLikeAnotherThenSameSkeleton(String lookalike) {
        String canonical = Username.canonical(lookalike).orElseThrow();

        assertThat(Username.skeleton(canonical)).isEqualTo(Username.skeleton("paypal77")).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"paypal78", "山田taro", "たろうtaro", "paypal"})
    void skeletonWhenNameDiffersThenOtherSkeleton(String other) {
        assertThat(Username.skeleton(other)).isNotEqualTo(Username.skeleton("paypal77"));
    }
}
