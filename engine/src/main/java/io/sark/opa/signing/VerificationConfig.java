package io.sark.opa.signing;

import java.util.List;
import java.util.Map;

/**
 * How bundle signatures are checked, as OPA's {@code bundles.<name>.signing}: the keys by id, the key id that
 * overrides the signature's own ({@code keyid}, may be null), the scope the signature must carry (null: the key's) and
 * the glob patterns of files left out of the check ({@code exclude_files}).
 */
public record VerificationConfig(Map<String, VerificationKey> keys, String keyId, String scope,
        List<String> excludeFiles) {
    public VerificationConfig {
        keys = Map.copyOf(keys);
        keyId = keyId == null || keyId.isEmpty() ? null : keyId;
        scope = scope == null ? "" : scope;
        excludeFiles = excludeFiles == null ? List.of() : List.copyOf(excludeFiles);
        if (keyId != null && !keys.containsKey(keyId)) {
            throw new IllegalArgumentException("key id '" + keyId + "' names no configured key");
        }
    }
}
