package io.sark.opa.runtime.remote;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body buffered up to a number of bytes. One byte more fails the response at once, naming the
 * limit, and what the server still sends is dropped, never held: a server cannot fill this heap.
 */
public final class CappedBody implements BodyCodec<Buffer> {

    private final long maxBytes;
    private final String setting;

    /** @param setting the configuration key of the limit, named in the failure */
    public CappedBody(long maxBytes, String setting) {
        this.maxBytes = maxBytes;
        this.setting = setting;
    }

    @Override
    public void create(Handler<AsyncResult<BodyStream<Buffer>>> callback) {
        callback.handle(Future.succeededFuture(new Stream(maxBytes, setting)));
    }

    private static final class Stream implements BodyStream<Buffer> {

        private final long maxBytes;
        private final String setting;
        private final Buffer body = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();

        Stream(long maxBytes, String setting) {
            this.maxBytes = maxBytes;
            this.setting = setting;
        }

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (result.future().failed()) {
                return result.future().mapEmpty();
            }
            if ((long) body.length() + data.length() > maxBytes) {
                IllegalStateException tooLarge = new IllegalStateException("the response is larger than " + maxBytes
                        + " bytes (" + setting + ")");
                result.tryFail(tooLarge);
                return Future.failedFuture(tooLarge);
            }
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                handler.handle(written);
            }
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            result.tryComplete(body);
            if (handler != null) {
                handler.handle(result.future().mapEmpty());
            }
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Stream exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Stream setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public Stream drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
