package io.clickmap.bench;

import io.clickmap.chain.ChainDecoder;
import io.clickmap.chain.ChainEncoder;
import io.clickmap.chain.Element;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chain decode and encode throughput on one thread: a typical 8-element chain as posthog-js writes
 * it, and the 100,000-character hostile inputs of docs/elements-chain.md. Results: BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChainCodecBenchmark {
    /** Eight elements, as posthog-js records a click on a button inside a product grid (~830 characters). */
    static final String TYPICAL = String.join(";",
            "span.text-sm:attr__class=\"text-sm\"nth-child=\"1\"nth-of-type=\"1\"text=\"Add to cart\"",
            "button.btn.btn-primary.w-full:attr__class=\"btn btn-primary w-full\"attr__data-attr=\"add-to-cart\"attr__type=\"button\"nth-child=\"2\"nth-of-type=\"1\"",
            "div.product-actions:attr__class=\"product-actions\"nth-child=\"3\"nth-of-type=\"2\"",
            "div.product-card.shadow:attr__class=\"product-card shadow\"attr__data-product-id=\"4821\"nth-child=\"5\"nth-of-type=\"5\"",
            "li.grid-item:attr__class=\"grid-item\"nth-child=\"5\"nth-of-type=\"5\"",
            "ul.product-grid:attr__class=\"product-grid\"attr__id=\"products\"attr_id=\"products\"nth-child=\"2\"nth-of-type=\"1\"",
            "main.container:attr__class=\"container\"attr__role=\"main\"nth-child=\"2\"nth-of-type=\"1\"",
            "body:nth-child=\"2\"nth-of-type=\"1\"");

    @Param({"typical", "backslashes", "letters", "colons"})
    public String input;

    private String chain;
    private List<Element> elements;

    @Setup
    public void setUp() {
        chain = switch (input) {
            case "typical" -> TYPICAL;
            case "backslashes" -> "\\".repeat(100_000);
            case "letters" -> "x".repeat(100_000);
            case "colons" -> "a:".repeat(50_000);
            default -> throw new IllegalArgumentException(input);
        };
        elements = ChainDecoder.decode(chain);
    }

    @Benchmark
    public List<Element> decode() {
        return ChainDecoder.decode(chain);
    }

    @Benchmark
    public String encode() {
        return ChainEncoder.encode(elements);
    }
}
