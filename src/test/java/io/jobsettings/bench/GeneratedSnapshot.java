package io.jobsettings.bench;

import java.io.InputStream;
import java.util.Random;

/**
 * A snapshot file of any size made up as it is read, the same bytes every time: one mebibyte of seeded random
 * bytes, repeated with each repetition's number written into its first bytes. Nothing but one block is held.
 */
final class GeneratedSnapshot extends InputStream {

    private static final int BLOCK = 1024 * 1024;
    private static final byte[] PATTERN = pattern();

    private final long size;
    private final byte[] block = PATTERN.clone();
    private long position;

    GeneratedSnapshot(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int inBlock = (int) (position % BLOCK);
        if (inBlock == 0) {
            stamp(position / BLOCK);
        }
        int count = (int) Math.min(Math.min(length, BLOCK - inBlock), size - position);
        System.arraycopy(block, inBlock, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    private void stamp(long blockNumber) {
        for (int i = 0; i < Long.BYTES; i++) {
            block[i] = (byte) (PATTERN[i] ^ (blockNumber >>> (8 * i)));
        }
    }

    private static byte[] pattern() {
        byte[] bytes = new byte[BLOCK];
        new Random(20261203L).nextBytes(bytes);
        return bytes;
    }
}
