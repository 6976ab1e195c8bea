package org.orchestration.core.api;

import java.util.Locale;

/** Parses a Content-Type header as RFC 9110 says: {@code type/subtype *( OWS ";" OWS name=value )}. */
final class MediaTypes {

    private MediaTypes() {
    }

    /**
     * True for {@code application/json} (any case), with no charset or charset UTF-8 (quoted or not);
     * other parameters are ignored. {@code application/jsonx}, {@code application/json-patch+json} or
     * {@code text/json} are not JSON bodies this API reads.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            if (eq <= 0) {
                return false;
            }
            String name = parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = unquote(parameter.substring(eq + 1).trim());
            if (name.equals("charset") && !value.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
