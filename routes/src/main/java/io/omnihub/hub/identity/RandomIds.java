package io.omnihub.hub.identity;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for customer and merge ids, from {@link ThreadLocalRandom} rather than
 * {@link UUID#randomUUID()}'s SecureRandom, which the resolver called one and a half times an
 * event under a lock. The ids name records; they are not secrets (the API they appear in is
 * behind its own authentication), so 122 random bits of a fast generator are enough to keep them apart.
 */
final class RandomIds {

    private RandomIds() {}

    static String uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(msb, lsb).toString();
    }
}
