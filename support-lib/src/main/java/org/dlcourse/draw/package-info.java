/**
 * How the course's pictures are painted and shown, so the classes notebooks call can say what they
 * show and not how. Reading order: {@link org.dlcourse.draw.HouseStyle} (the one style),
 * {@link org.dlcourse.draw.Pictures}, {@link org.dlcourse.draw.Curves}, {@link org.dlcourse.draw.TileGrid},
 * {@link org.dlcourse.draw.LabelledRows}, {@link org.dlcourse.draw.MatrixPicture},
 * {@link org.dlcourse.draw.HeatMap}; then how a picture reaches the notebook:
 * {@link org.dlcourse.draw.Notebook} (the kernel's display, connected by its start-up script) and
 * {@link org.dlcourse.draw.LiveOutput} (one output area redrawn in place, under the training chart and
 * the GAN monitor); {@link org.dlcourse.draw.Words}, the library's words in the edition's language.
 */
package org.dlcourse.draw;
