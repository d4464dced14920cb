/**
 * The job's inputs besides tensor columns in Parquet: folders of image files ({@link
 * org.resample.job.input.ImageInput}, decoded by {@link org.resample.job.input.ImageDecoder}) and
 * tensor and image columns as other tools write them ({@link org.resample.job.input.ForeignTensors}).
 */
package org.resample.job.input;
