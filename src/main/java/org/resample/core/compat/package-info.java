/** Compatibility profiles: resize the way another library does, on this library's tensors. */
package org.resample.core.compat;
