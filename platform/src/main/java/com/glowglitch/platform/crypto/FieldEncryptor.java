package com.glowglitch.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field-level encryption for personal data (phones, addresses, payout details, private keys):
 * AES-GCM with a random 96-bit IV, serialized as {@code v1:<keyId>:<base64(iv|ciphertext|tag)>}.
 * The key id travels with the value so keys can rotate: new values use the active key, old ones
 * stay readable while their key is configured.
 */
public class FieldEncryptor {

    public static final String LOCAL_DEV_KEY_ID = "local-dev";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public FieldEncryptor(Map<String, String> base64Keys, String activeKeyId, boolean production) {
        base64Keys.forEach((id, b64) -> {
            byte[] raw = Base64.getDecoder().decode(b64.trim());
            if (raw.length != 16 && raw.length != 32) {
                throw new IllegalStateException("encryption key '" + id + "' must be 16 or 32 bytes, base64-encoded");
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (activeKeyId == null || !keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("glowglitch.crypto.active-key-id '" + activeKeyId
                    + "' names no configured key (set ENCRYPTION_KEY / glowglitch.crypto.keys.*)");
        }
        if (production && LOCAL_DEV_KEY_ID.equals(activeKeyId)) {
            throw new IllegalStateException("the prod profile refuses the local-development encryption key: "
                    + "set ENCRYPTION_ACTIVE_KEY_ID and glowglitch.crypto.keys.<id> from your secret store");
        }
        this.activeKeyId = activeKeyId;
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return "v1:" + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            throw new IllegalArgumentException("not an encrypted field value");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("encryption key '" + parts[1] + "' is not configured; cannot decrypt");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            c.updateAAD(parts[1].getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered value)", e);
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }
}
