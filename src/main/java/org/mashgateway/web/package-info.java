/** How the gateway answers over HTTP when it refuses something: RFC 9457 problem+json with reason codes. */
package org.mashgateway.web;
