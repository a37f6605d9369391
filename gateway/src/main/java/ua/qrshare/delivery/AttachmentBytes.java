package ua.qrshare.delivery;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;

/**
 * An attachment's bytes as a stream of large chunks. Given bytes ({@code setData}), the mail client base64-encodes an
 * attachment into one string and writes it to the socket one 76-character line at a time, each write flushed and
 * awaited before the next (about 4,000 per message here); given a stream, it encodes each chunk into one buffer and
 * pipes it to the socket. The lines on the wire are the same. Chunks are whole base64 lines (a multiple of 57 bytes).
 * Emits on the context that sets its handler (the SMTP connection's), honouring pause and fetch. Chunks are read-only
 * views of the bytes, not copies ({@code Buffer.buffer(byte[])} copies, and the client copies each chunk anyway
 * before encoding it): the bytes must not change while the message is being sent.
 */
final class AttachmentBytes implements ReadStream<Buffer> {

    static final int CHUNK = 57 * 1024;

    private final byte[] data;
    private int position;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private boolean ended;
    private Context context;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;

    AttachmentBytes(byte[] data) {
        this.data = data;
    }

    @Override
    public synchronized ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this; // bytes in memory: nothing fails
    }

    @Override
    public synchronized ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        if (handler != null) {
            context = Vertx.currentContext();
            schedule();
        }
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> pause() {
        demand = 0;
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> resume() {
        demand = Long.MAX_VALUE;
        schedule();
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> fetch(long amount) {
        demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        schedule();
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        schedule();
        return this;
    }

    /** Emits later on the context, never from inside the caller's pause/resume/fetch. */
    private void schedule() {
        if (scheduled || handler == null || demand == 0 || ended) {
            return;
        }
        scheduled = true;
        if (context == null) {
            scheduled = false;
            emit();
        } else {
            context.runOnContext(v -> {
                synchronized (this) {
                    scheduled = false;
                }
                emit();
            });
        }
    }

    private void emit() {
        while (true) {
            Handler<Buffer> h;
            Buffer chunk;
            Handler<Void> end = null;
            synchronized (this) {
                h = handler;
                if (h == null || ended || demand == 0) {
                    return;
                }
                if (position >= data.length) {
                    ended = true;
                    end = endHandler;
                    chunk = null;
                } else {
                    int n = Math.min(CHUNK, data.length - position);
                    chunk = BufferInternal.buffer(
                            Unpooled.wrappedBuffer(data, position, n).asReadOnly());
                    position += n;
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                }
            }
            if (chunk == null) {
                if (end != null) {
                    end.handle(null);
                }
                return;
            }
            h.handle(chunk);
        }
    }
}
