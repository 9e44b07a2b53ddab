package io.jobfleet.text;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts every byte read through it and fails once the total passes the budget. */
final class UnpackBudget extends FilterInputStream {
    private final long maxBytes;
    private long total;
    private boolean exceeded;

    UnpackBudget(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] discard = new byte[(int) Math.min(8192, Math.max(1, n))];
        int read = read(discard, 0, (int) Math.min(discard.length, n));
        return Math.max(read, 0);
    }

    private void count(int n) throws IOException {
        total += n;
        if (total > maxBytes) {
            exceeded = true;
            throw new IOException("Unpacked more than " + maxBytes + " bytes");
        }
    }
}
