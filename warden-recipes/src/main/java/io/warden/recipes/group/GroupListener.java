package io.warden.recipes.group;

/** Told of membership changes of a {@link Group}, on the client's event thread, in order. */
public interface GroupListener {
    void memberJoined(String memberId, byte[] data);

    void memberUpdated(String memberId, byte[] data);

    void memberLeft(String memberId);
}
