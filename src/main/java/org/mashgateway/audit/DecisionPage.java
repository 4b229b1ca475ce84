package org.mashgateway.audit;

import java.util.List;

/**
 * One page of a search of the decision record, for an auditor reading through a long history.
 *
 * @param records  the records on this page, oldest first
 * @param total    how many records the search found in all
 * @param page     this page's number, from 0
 * @param pageSize records per page
 */
public record DecisionPage(List<DecisionRecord> records, long total, int page, int pageSize) {

    public DecisionPage {
        records = List.copyOf(records);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * pageSize < total;
    }

    /** How many pages the search fills (1 for an empty result, so "page 1 of 1" reads naturally). */
    public long pageCount() {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
