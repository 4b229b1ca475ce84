/** Tests of what the gateway shows its operators: the Prometheus series and what their labels may hold. */
package org.mashgateway.operations;
