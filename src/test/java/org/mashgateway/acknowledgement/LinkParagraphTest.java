package org.mashgateway.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the acknowledgement link goes in the text people read, and which tokens are even looked up. */
class LinkParagraphTest {

    private static final String LINK = "https://mash.example/ack/AbCdEfGhIjKlMnOpQrStUv";

    @Test
    void the_link_paragraph_goes_before_the_handling_instruction_which_stays_last() {
        String text = "OFFICIAL-SENSITIVE\n\nSDAT school notification\nReference: MGW-X\n\nContact: team\n\n"
                + "Handle as OFFICIAL-SENSITIVE.\n";

        String linked = LinkIssuer.withLinkParagraph(text, LINK);

        assertThat(linked).startsWith("OFFICIAL-SENSITIVE\n\nSDAT school notification\nReference: MGW-X\n\nContact: team\n\n")
                .endsWith("\n\nHandle as OFFICIAL-SENSITIVE.\n")
                .contains("press the button. The link works once.\n" + LINK + "\n\nHandle as");
        assertThat(linked.split("\n\n")).hasSize(text.split("\n\n").length + 1);
    }

    @Test
    void a_text_of_one_paragraph_gets_the_link_after_it() {
        assertThat(LinkIssuer.withLinkParagraph("OFFICIAL-SENSITIVE\n", LINK)).startsWith("OFFICIAL-SENSITIVE\n\n")
                .contains(LINK);
    }

    @Test
    void only_tokens_of_the_issued_shape_are_looked_up() {
        assertThat(LinkIssuer.wellFormed("AbCdEfGhIjKlMnOpQrSt-_")).isTrue();
        assertThat(LinkIssuer.wellFormed("AbCdEfGhIjKlMnOpQrSt-")).isFalse();
        assertThat(LinkIssuer.wellFormed("AbCdEfGhIjKlMnOpQrSt-_x")).isFalse();
        assertThat(LinkIssuer.wellFormed("AbCdEfGhIjKlMnOpQrSt/=")).isFalse();
        assertThat(LinkIssuer.wellFormed(null)).isFalse();
    }

    @Test
    void the_stored_hash_is_the_sha256_of_the_token_and_not_the_token() {
        assertThat(LinkIssuer.hash("AbCdEfGhIjKlMnOpQrSt-_")).hasSize(64).matches("[0-9a-f]{64}")
                .doesNotContain("AbCdEf");
    }
}
