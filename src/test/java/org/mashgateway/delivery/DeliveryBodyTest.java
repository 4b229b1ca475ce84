package org.mashgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a delivery keeps in the message store comes back exactly as it was packed. */
class DeliveryBodyTest {

    @Test
    void title_text_and_document_bytes_survive_packing() {
        byte[] document = "<AgencyNotification>Siân Ní Bhriain\r\n</AgencyNotification>".getBytes(StandardCharsets.UTF_8);
        DeliveryBody body = new DeliveryBody("SDAT school notification", "OFFICIAL-SENSITIVE\n\nZoë — made up", document);

        DeliveryBody unpacked = DeliveryBody.unpack(body.pack());

        assertThat(unpacked.title()).isEqualTo(body.title());
        assertThat(unpacked.text()).isEqualTo(body.text());
        assertThat(unpacked.document()).isEqualTo(document);
    }

    @Test
    void a_truncated_body_is_refused() {
        byte[] packed = new DeliveryBody("Withdrawal", "text", new byte[100]).pack();

        assertThatThrownBy(() -> DeliveryBody.unpack(Arrays.copyOf(packed, packed.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
