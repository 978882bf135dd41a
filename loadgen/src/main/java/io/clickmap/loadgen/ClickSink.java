package io.clickmap.loadgen;

import java.util.function.IntConsumer;

/** Where generated clicks go: straight to Kafka, or through capture's HTTP endpoint as a web page's SDK sends them. */
public interface ClickSink {

    /** Hands a click over; {@code onFailed} hears how many clicks a failure lost (a rejected batch loses all of it). */
    void send(ClickGenerator.Click click, IntConsumer onFailed);

    /** Returns once every click handed over has been acknowledged or counted as failed. */
    void flush();
}
