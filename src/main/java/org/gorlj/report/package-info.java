/** Reports: learning curves, tables and mode pictures rendered from run directories. */
package org.gorlj.report;
