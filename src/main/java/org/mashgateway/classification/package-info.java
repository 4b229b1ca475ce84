/** Security classification: what the gateway accepts (up to OFFICIAL-SENSITIVE) and what it marks on output. */
package org.mashgateway.classification;
