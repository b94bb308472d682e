package io.warden.recipes.queue;

import io.warden.client.WardenException;
import io.warden.wire.ErrorCode;

/**
 * The connection dropped while a consumer was deleting the item it had read, and by the time it
 * could look the item was gone: either this consumer's delete went through (the item is now only
 * in {@link #item()}) or another consumer took it (and delivered it). Nothing in the tree tells the
 * two apart, so the application decides: process {@link #item()} for at-least-once delivery (it may
 * then be processed twice), or drop it for at-most-once (it may then be lost).
 */
public final class UncertainTakeException extends WardenException {
    private static final long serialVersionUID = 1L;

    private final transient byte[] item;

    UncertainTakeException(String itemPath, byte[] item) {
        super(ErrorCode.CONNECTIONLOSS, itemPath, "the connection dropped while taking the item and it is gone;"
                + " this consumer may or may not have taken it");
        this.item = item.clone();
    }

    /** The data of the item that may have been taken. */
    public byte[] item() {
        return item.clone();
    }
}
