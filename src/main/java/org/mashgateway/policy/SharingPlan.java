package org.mashgateway.policy;

import java.util.List;

/** Everything the sharing policy decided for one accepted document, under one policy version. */
public record SharingPlan(String policyVersion, List<RecipientShare> shares, List<NotShared> notShared) {

    public SharingPlan {
        shares = List.copyOf(shares);
        notShared = List.copyOf(notShared);
    }
}
