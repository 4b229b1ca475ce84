package org.mashgateway.policy;

/** Who a share goes to: a partner agency (by code) or a school (by DfE URN). */
public enum RecipientType {
    AGENCY,
    SCHOOL
}
