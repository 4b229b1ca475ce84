/**
 * The monthly information-governance report (issue 16), for AUDITOR and ADMIN: per month and per
 * force, what was received, shared and not shared (by recipient class, lawful basis and reason),
 * how school and agency copies were acknowledged and escalated, what was refused or quarantined, and
 * how often auditors viewed content, searched for and exported subjects. Counts only: no personal
 * data. As a console page with charts (SVG drawn on the server: the console runs no scripts) and as
 * a PDF or CSV. See docs/ig-report.md.
 */
package org.mashgateway.igreport;
