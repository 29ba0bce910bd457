/**
 * The data sets' files: where the prepared folder is and how each set is read, checked. Reading
 * order: {@link org.dlcourse.data.PreparedData} (the entry point), {@link org.dlcourse.data.ImageBytes}
 * (images in memory, and how a batch becomes floats), {@link org.dlcourse.data.WholeBatches}, then the
 * formats: {@link org.dlcourse.data.Idx} and {@link org.dlcourse.data.FashionMnistFiles},
 * {@link org.dlcourse.data.CifarFiles} and {@link org.dlcourse.data.CifarStandIn}; last
 * {@link org.dlcourse.data.Checksums} and {@link org.dlcourse.data.Download}.
 */
package org.dlcourse.data;
