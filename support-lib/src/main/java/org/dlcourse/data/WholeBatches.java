package org.dlcourse.data;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.DataIterable;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Pipeline;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;

/**
 * DJL's data iterator with batches built whole: for each batch, the images' floats are written
 * into one Java array and copied to the engine once, instead of DJL's default of one small array
 * per image, stacked. Measured on Fashion-MNIST (60,000 images, batches of 64, MXNet): under 1 s an
 * epoch instead of 5.6 s. This is what DJL's own {@code ArrayDataset} does ({@code BulkDataIterable});
 * transforms added with {@code addTransform} then see the whole {@code (N,C,H,W)} batch, as there.
 */
public final class WholeBatches extends DataIterable {

    /** Makes {data, labels} of the records {@code indices}, in the given manager. */
    private final BiFunction<NDManager, List<Long>, NDList[]> maker;

    public WholeBatches(RandomAccessDataset set, BiFunction<NDManager, List<Long>, NDList[]> maker, NDManager manager,
            Sampler sampler, Batchifier dataBatchifier, Batchifier labelBatchifier, Pipeline pipeline,
            Pipeline targetPipeline, ExecutorService executor, int prefetch, Device device) {
        super(set, manager, sampler, dataBatchifier, labelBatchifier, pipeline, targetPipeline, executor,
                prefetch, device);
        this.maker = maker;
    }

    @Override
    protected Batch fetch(List<Long> indices, int progress) {
        NDManager batchManager = manager.newSubManager();
        NDList[] made = maker.apply(batchManager, indices);
        NDList data = pipeline != null ? pipeline.transform(made[0]) : made[0];
        NDList labels = targetPipeline != null ? targetPipeline.transform(made[1]) : made[1];
        if (device != null) {
            data = data.toDevice(device, false);
            labels = labels.toDevice(device, false);
        }
        return new Batch(batchManager, data, labels, indices.size(), dataBatchifier, labelBatchifier, progress,
                dataset.size(), indices);
    }
}
