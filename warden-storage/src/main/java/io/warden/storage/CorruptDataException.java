package io.warden.storage;

/** A data file that cannot be trusted, named with the offset where the damage starts. */
public final class CorruptDataException extends Exception {
    private final String file;
    private final long offset;

    public CorruptDataException(String file, long offset, String reason) {
        super(file + " at offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
