package org.mashgateway.acknowledgement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.mashgateway.acknowledgement.LinkRecords.Issued;
import org.mashgateway.delivery.AcknowledgementLinks;
import org.mashgateway.delivery.DeliveryState;
import org.mashgateway.delivery.DeliveryStatus;
import org.mashgateway.policy.RecipientShare;
import org.mashgateway.policy.RecipientType;
import org.mashgateway.xml.DocumentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues the single-use acknowledgement link of every school notification (first notification or
 * correction, not a withdrawal) and every HIGH-risk agency notification, as it is scheduled, and
 * puts it in the text people read, just before the handling instruction (which stays last).
 *
 * <p>No token is at rest: the stored text holds the placeholder {@value #NOT_AT_REST} (what an
 * auditor's content view shows), and the working link replaces it only in the message the courier
 * protects and sends. The token (128 bits, URL-safe base64 without padding, 22 characters) is
 * derived by {@link LinkTokens} from a random issue nonce, so the same delivery sent again, or to
 * the school's deputy, carries the same working link; only its SHA-256 is stored. It works until
 * {@code mash.acknowledgement.link-validity} after the delivery's DueBy or after it was issued,
 * whichever is later, so that a late notification (an old incident, a DueBy already past) never
 * arrives with a dead link; {@link AcknowledgementPages} also keeps it working that long after the
 * mail was sent, for a delivery that went out late.
 */
@Component
class LinkIssuer implements AcknowledgementLinks {

    /** The kinds people acknowledge; a withdrawal asks nothing of them. */
    private static final Set<String> KINDS = Set.of("NOTIFICATION", "CORRECTION");
    private static final Logger log = LoggerFactory.getLogger(LinkIssuer.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** Where the link goes, in the stored text: the link itself is put in only as the mail is built. */
    static final String NOT_AT_REST = "[acknowledgement link: sent by mail only]";

    /** In place of the link, in a copy of a delivery that FAILED: that cannot be acknowledged. */
    static final String NO_LINK = "[this copy has no acknowledgement link: please confirm receipt to the MASH]";

    private final LinkRecords links;
    private final AcknowledgementProperties properties;
    private final Clock clock;
    private final LinkTokens tokens;
    private final SecureRandom random = new SecureRandom();

    LinkIssuer(LinkRecords links, LinkTokens tokens, AcknowledgementProperties properties, Clock clock) {
        this.links = links;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean awaitsAcknowledgement(RecipientShare share) {
        return needsLink(share);
    }

    @Override
    public String textToStore(RecipientShare share) {
        if (!needsLink(share)) {
            return share.text();
        }
        byte[] nonce = newNonce();
        String keyId = tokens.currentKeyId();
        String token = tokens.token(keyId, share.reference(), nonce);
        Instant now = clock.instant();
        Instant expires = latest(now, share.dueBy()).plus(properties.acknowledgement().linkValidity());
        links.insert(hash(token), share.reference(), HexFormat.of().formatHex(nonce), keyId, expires, now);
        return withLinkParagraph(share.text(), NOT_AT_REST);
    }

    @Override
    public void reissue(String outputReference) {
        byte[] nonce = newNonce();
        String keyId = tokens.currentKeyId();
        links.reissue(outputReference, hash(tokens.token(keyId, outputReference, nonce)), HexFormat.of().formatHex(nonce),
                keyId);
    }

    private byte[] newNonce() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return nonce;
    }

    @Override
    public String textToSend(DeliveryState delivery, String storedText) {
        int placeholder = storedText.lastIndexOf(NOT_AT_REST);
        if (placeholder < 0) {
            // No link, or one issued before tokens were derived (then the link is in the text already).
            return storedText;
        }
        // A FAILED delivery cannot be acknowledged (its deputy's copy goes without a link).
        String replacement = delivery.status() == DeliveryStatus.FAILED ? NO_LINK
                : workingLink(delivery.outputReference()).orElse(NO_LINK);
        return storedText.substring(0, placeholder) + replacement
                + storedText.substring(placeholder + NOT_AT_REST.length());
    }

    /**
     * The link issued for this delivery, made again from its nonce; empty (and a warning) when its
     * row is gone or the master key under its id changed: the notification still goes, without a link.
     */
    private Optional<String> workingLink(String outputReference) {
        Optional<Issued> issued = links.issuedFor(outputReference).filter(found -> found.issueNonce() != null);
        if (issued.isEmpty()) {
            log.warn("Delivery {} has no acknowledgement link on record; it is sent without one", outputReference);
            return Optional.empty();
        }
        String token = tokens.token(issued.get().keyId(), outputReference,
                HexFormat.of().parseHex(issued.get().issueNonce()));
        if (!hash(token).equals(issued.get().tokenHash())) {
            log.warn("Delivery {}: master key '{}' is not the one its acknowledgement link was issued under; "
                    + "it is sent without a link", outputReference, issued.get().keyId());
            return Optional.empty();
        }
        return Optional.of(linkTo(token));
    }

    /** True for the shares a person must acknowledge (interfaces.md, "Acknowledgements by people"). */
    boolean needsLink(RecipientShare share) {
        if (!KINDS.contains(share.kind())) {
            return false;
        }
        if (share.recipientType() == RecipientType.SCHOOL) {
            return true;
        }
        return DocumentType.AGENCY_NOTIFICATION.rootName().equals(share.documentType())
                && "HIGH".equals(share.riskLevel());
    }

    /** The link paragraph goes before the last paragraph: the handling instruction must stay last. */
    static String withLinkParagraph(String text, String link) {
        String paragraph = "Please confirm that you have received this notification: open the link below and press "
                + "the button. The link works once.\n" + link + "\n\n";
        int last = text.stripTrailing().lastIndexOf("\n\n");
        if (last < 0) {
            return text + "\n" + paragraph;
        }
        return text.substring(0, last + 2) + paragraph + text.substring(last + 2);
    }

    String linkTo(String token) {
        String base = properties.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/ack/" + token;
    }

    /** Whether {@code token} has the shape of a token this gateway issues (checked before any lookup). */
    static boolean wellFormed(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The later of two instants; {@code maybe} may be null. */
    static Instant latest(Instant instant, Instant maybe) {
        return maybe != null && maybe.isAfter(instant) ? maybe : instant;
    }
}
