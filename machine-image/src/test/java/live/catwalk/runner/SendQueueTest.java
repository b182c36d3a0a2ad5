package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import live.catwalk.runner.SendQueue.Offer;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    @Test
    void refusesMoreLinesThanItsCount() throws InterruptedException {
        SendQueue queue = new SendQueue(2, 1_000);

        assertEquals(Offer.ACCEPTED, queue.offer(new byte[] {1}));
        assertEquals(Offer.ACCEPTED, queue.offer(new byte[] {2}));
        assertEquals(Offer.FULL, queue.offer(new byte[] {3}));
        assertArrayEquals(new byte[] {1}, queue.take());
        assertEquals(Offer.ACCEPTED, queue.offer(new byte[] {4}));
    }

    @Test
    void refusesMoreBytesThanItsBoundButTakesOneBigLineWhenEmpty() {
        SendQueue queue = new SendQueue(100, 10);

        assertEquals(Offer.ACCEPTED, queue.offer(new byte[50]));
        assertEquals(Offer.FULL, queue.offer(new byte[1]));
    }

    @Test
    void closingDropsWhatWaitsAndEndsTheWriter() throws InterruptedException {
        SendQueue queue = new SendQueue(10, 1_000);
        queue.offer(new byte[] {1});

        queue.close();

        assertNull(queue.take());
        assertEquals(Offer.CLOSED, queue.offer(new byte[] {2}));
    }

    @Test
    void wakesAWaitingWriterOnClose() throws InterruptedException {
        SendQueue queue = new SendQueue(10, 1_000);
        byte[][] taken = {new byte[0]};
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                taken[0] = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        queue.close();
        writer.join();

        assertNull(taken[0]);
    }
}
