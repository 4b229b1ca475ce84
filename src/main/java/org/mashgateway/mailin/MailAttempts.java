package org.mashgateway.mailin;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts how often the gateway has started on each inbound mail, so that a mail whose processing
 * throws (an {@link Error} included, or a crash of the whole node) is set aside after
 * {@code mash.mail.imap.max-attempts} instead of being read again at every poll. The count is
 * written on the IMAP server before the mail is read, as the keywords {@code MashAttempt1},
 * {@code MashAttempt2}… on the mail itself, so it holds across restarts and nodes and is kept by
 * mail (its server-side identity), never by content. A server that keeps no keywords (IMAP
 * PERMANENTFLAGS without {@code \*}) gets the count in memory, by UID, on this node only.
 */
class MailAttempts {

    private static final String KEYWORD = "MashAttempt";

    /** UIDVALIDITY/UID to attempts started, for servers without keywords; only the poller thread uses it. */
    private final Map<String, Integer> startedInMemory = new HashMap<>();

    /** Records that an attempt on this mail starts now, and returns its number (1 for the first). */
    int start(Message message) throws MessagingException {
        if (keepsKeywords(message.getFolder())) {
            int attempt = startedOnServer(message) + 1;
            message.setFlags(new Flags(KEYWORD + attempt), true);
            return attempt;
        }
        return startedInMemory.merge(uid(message), 1, Integer::sum);
    }

    /** How many attempts on this mail have started so far. */
    int started(Message message) throws MessagingException {
        if (keepsKeywords(message.getFolder())) {
            return startedOnServer(message);
        }
        return startedInMemory.getOrDefault(uid(message), 0);
    }

    /** Records that a first attempt starts on each of these mails, never started before, in one command. */
    void startFirst(Folder folder, List<Message> mails) throws MessagingException {
        markFirst(folder, mails, true);
    }

    /** Takes back first attempts recorded by {@link #startFirst} on mails that were not reached after all. */
    void takeBackFirst(Folder folder, List<Message> mails) throws MessagingException {
        markFirst(folder, mails, false);
    }

    private void markFirst(Folder folder, List<Message> mails, boolean started) throws MessagingException {
        if (mails.isEmpty()) {
            return;
        }
        if (keepsKeywords(folder)) {
            folder.setFlags(mails.toArray(Message[]::new), new Flags(KEYWORD + 1), started);
            return;
        }
        for (Message message : mails) {
            if (started) {
                startedInMemory.put(uid(message), 1);
            } else {
                startedInMemory.remove(uid(message));
            }
        }
    }

    /** Takes back the attempt just started: it ended for a reason that is not the mail's fault (an outage). */
    void takeBack(Message message, int attempt) throws MessagingException {
        if (keepsKeywords(message.getFolder())) {
            message.setFlags(new Flags(KEYWORD + attempt), false);
        } else {
            startedInMemory.computeIfPresent(uid(message), (uid, started) -> started > 1 ? started - 1 : null);
        }
    }

    /** The mail is done with (seen): nothing to remember about it on this node. */
    void forget(Message message) throws MessagingException {
        if (!startedInMemory.isEmpty()) {
            startedInMemory.remove(uid(message));
        }
    }

    private static int startedOnServer(Message message) throws MessagingException {
        int started = 0;
        for (String keyword : message.getFlags().getUserFlags()) {
            if (keyword.startsWith(KEYWORD)) {
                started++;
            }
        }
        return started;
    }

    private static boolean keepsKeywords(Folder folder) {
        return folder.getPermanentFlags().contains(Flags.Flag.USER);
    }

    private static String uid(Message message) throws MessagingException {
        UIDFolder folder = (UIDFolder) message.getFolder();
        return folder.getUIDValidity() + "/" + folder.getUID(message);
    }
}
