package org.mashgateway.audit;

/**
 * Published once a checkpoint has been signed and written, for whatever sends copies of it
 * elsewhere (the admins' mail, {@code alertmail.CheckpointMail}).
 *
 * @param checkpoint what it says
 * @param signed     the signed file as written (PEM), what an auditor verifies with openssl
 */
public record CheckpointMade(Checkpoint checkpoint, byte[] signed) {

    public CheckpointMade {
        signed = signed.clone();
    }

    @Override
    public byte[] signed() {
        return signed.clone();
    }
}
