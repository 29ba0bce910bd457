/**
 * The pixels behind the course's pictures, so the classes notebooks call can say what they show
 * and not how it is painted. Reading order: {@link org.dlcourse.draw.HouseStyle} (the one style),
 * {@link org.dlcourse.draw.Pictures}, {@link org.dlcourse.draw.Curves}, {@link org.dlcourse.draw.TileGrid},
 * {@link org.dlcourse.draw.LabelledRows}, {@link org.dlcourse.draw.MatrixPicture},
 * {@link org.dlcourse.draw.HeatMap}.
 */
package org.dlcourse.draw;
