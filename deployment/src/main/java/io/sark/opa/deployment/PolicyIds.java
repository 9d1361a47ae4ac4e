package io.sark.opa.deployment;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Policy names as Java identifiers, for the generated classes and resources: {@code my-policy.v2} is {@code My_policy_v2}. */
final class PolicyIds {

    private PolicyIds() {}

    /** Each name's identifier; names like {@code my-policy} and {@code my_policy} map to one, so the later ones are numbered. */
    static Map<String, String> of(List<String> names) {
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String name : names) {
            String id = javaIdentifier(name);
            String unique = id;
            for (int n = 2; !used.add(unique.toLowerCase(Locale.ROOT)); n++) {
                unique = id + "_" + n; // lower-cased check: resource and class files may land on a case-blind disk
            }
            ids.put(name, unique);
        }
        return ids;
    }

    private static String javaIdentifier(String name) {
        StringBuilder id = new StringBuilder();
        for (char c : name.toCharArray()) {
            id.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        if (id.length() == 0 || !Character.isJavaIdentifierStart(id.charAt(0))) {
            id.insert(0, 'P');
        }
        id.setCharAt(0, Character.toUpperCase(id.charAt(0)));
        return id.toString();
    }
}
