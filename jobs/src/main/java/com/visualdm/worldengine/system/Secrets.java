package com.visualdm.worldengine.system;

import java.util.regex.Pattern;

/** Keeps passwords out of anything printed: JDBC URLs may carry them as parameters or user info. */
public final class Secrets {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s]*");
    /** user:password@ in a URL; the password may itself hold '/' or '@', so up to the last '@' of the token. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+):\\S*@");

    private Secrets() {
    }

    /** Redacts as {@link #redact(String)} does, and every occurrence of the given password too. */
    public static String redact(String text, String password) {
        String redacted = redact(text);
        return password == null || password.isEmpty() || redacted == null ? redacted : redacted.replace(password, "***");
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutParameters = PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
        return USER_INFO.matcher(withoutParameters).replaceAll("$1:***@");
    }
}
