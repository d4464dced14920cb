/** Compatibility profiles: resizing the way another imaging library does, on core tensors. */
package org.resample.core.compat;
