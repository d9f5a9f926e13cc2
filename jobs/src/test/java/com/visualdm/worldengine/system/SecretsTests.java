package com.visualdm.worldengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Passwords never reach printed text: URL parameters and user info are masked, everything else is kept. */
class SecretsTests {

    @Test
    void aPasswordParameterIsMaskedAndTheOtherParametersKept() {
        String redacted = Secrets.redact("jdbc:postgresql://db.example:5432/visualdm?user=engine&password=hunter2&ssl=true");
        assertThat(redacted)
                .isEqualTo("jdbc:postgresql://db.example:5432/visualdm?user=engine&password=***&ssl=true")
                .doesNotContain("hunter2");
    }

    @Test
    void aPasswordParameterIsMaskedWhateverItsCaseAndWhereverItEnds() {
        assertThat(Secrets.redact("jdbc:postgresql://h/db?PASSWORD=s3cret")).isEqualTo("jdbc:postgresql://h/db?PASSWORD=***");
        assertThat(Secrets.redact("jdbc:postgresql://h/db?Password=s3cret;ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?Password=***;ssl=true");
        assertThat(Secrets.redact("connecting with password=s3cret failed"))
                .isEqualTo("connecting with password=*** failed");
        assertThat(Secrets.redact("a?password=one&b?password=two")).isEqualTo("a?password=***&b?password=***");
    }

    @Test
    void userInfoInAUrlKeepsTheUserAndLosesThePassword() {
        assertThat(Secrets.redact("postgresql://engine:hunter2@db.example:5432/visualdm"))
                .isEqualTo("postgresql://engine:***@db.example:5432/visualdm");
        assertThat(Secrets.redact("could not reach jdbc:postgresql://engine:p%40ss@db/visualdm (refused)"))
                .isEqualTo("could not reach jdbc:postgresql://engine:***@db/visualdm (refused)");
    }

    @Test
    void bothFormsInOneMessageAreMasked() {
        String redacted = Secrets.redact("url postgresql://u:first@h/db?password=second and again password=third");
        assertThat(redacted).doesNotContain("first", "second", "third")
                .isEqualTo("url postgresql://u:***@h/db?password=*** and again password=***");
    }

    @Test
    void textWithoutPasswordsIsUnchanged() {
        for (String text : new String[] {
                "jdbc:postgresql://127.0.0.1:5432/test",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&ssl=true",
                "Connection to 127.0.0.1:1 refused.",
                "user@example.com wrote to //host/path",
                ""}) {
            assertThat(Secrets.redact(text)).isEqualTo(text);
        }
        assertThat(Secrets.redact(null)).isNull();
    }

    @Test
    void aUserInfoPasswordWithSlashesOrAtSignsIsRedactedWhole() {
        assertThat(Secrets.redact("jdbc:postgresql://admin:pa/ss@w0rd@db.example:5432/x"))
                .isEqualTo("jdbc:postgresql://admin:***@db.example:5432/x");
    }
}
