/**
 * What the gateway's PDF documents share (the subject-access report, the monthly IG report): the
 * embedded Unicode font. The documents themselves are laid out where their figures are read.
 * ADR 0015.
 */
package org.mashgateway.pdf;
