/** Typed, validated, documented settings ("knobs"), configs and presets. */
package org.gorlj.config;
