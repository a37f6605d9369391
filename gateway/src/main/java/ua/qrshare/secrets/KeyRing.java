package ua.qrshare.secrets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Symmetric keys for one purpose (QR token MACs, field encryption, session tokens), each with a small numeric id
 * carried next to what it protects. New material is made with the {@link #active()} key; every key still present
 * verifies or decrypts, so keys rotate without invalidating what was issued before.
 */
public final class KeyRing {

    /** A key and its id (0–255, fits one byte in compact tokens). */
    public record Key(int id, byte[] material) {
        public Key {
            if (id < 0 || id > 255) {
                throw new IllegalArgumentException("key id must be 0-255, got " + id);
            }
            if (material.length < 32) {
                throw new IllegalArgumentException("key " + id + " is shorter than 256 bits");
            }
            material = material.clone();
        }

        @Override
        public byte[] material() {
            return material.clone();
        }

        @Override
        public String toString() {
            return "Key[id=" + id + "]";
        }
    }

    private final Key active;
    private final Map<Integer, Key> byId;

    /** @param keys the first is the active one */
    public KeyRing(java.util.List<Key> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one key");
        }
        Map<Integer, Key> map = new LinkedHashMap<>();
        for (Key k : keys) {
            if (map.put(k.id(), k) != null) {
                throw new IllegalArgumentException("duplicate key id " + k.id());
            }
        }
        this.active = keys.get(0);
        this.byId = Collections.unmodifiableMap(map);
    }

    public Key active() {
        return active;
    }

    public Optional<Key> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }
}
