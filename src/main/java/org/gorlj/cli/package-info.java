/** The {@code gorl} command line (picocli). */
package org.gorlj.cli;
