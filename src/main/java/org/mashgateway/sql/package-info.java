/** What every package that writes SQL shares: how times are written to the database ({@link org.mashgateway.sql.DatabaseTime}). */
package org.mashgateway.sql;
