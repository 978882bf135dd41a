package io.clickmap.loadgen;

import io.clickmap.chain.ChainEncoder;
import io.clickmap.chain.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A made-up shop: pages, and on each page the elements people click, each with the 8–12 element
 * chain posthog-js would record (the clicked element, then its ancestors up to body). Everything is
 * derived from the seed, so the same page and element always give the same URL and chain.
 */
final class Site {
    private static final String[] SECTIONS = {"products", "category", "blog", "account", "cart", "checkout", "help", "deals"};
    private static final String[] CLICKED_TAGS = {"a", "button", "span", "div", "img", "input", "li", "svg"};
    private static final String[] CLASSES = {"btn", "btn-primary", "btn-secondary", "nav-link", "card", "card-title", "price",
            "product-tile", "w-full", "text-sm", "font-bold", "flex", "items-center", "gap-2", "hidden", "md:block", "rounded-lg",
            "shadow", "menu-item", "active", "link", "icon", "badge", "hero", "cta"};
    private static final String[] CONTAINERS = {"div", "section", "li", "ul", "nav", "header", "footer", "form", "article", "aside"};
    private static final String[] WORDS = {"Add to cart", "Checkout", "Buy now", "Sign in", "Learn more", "Next", "Previous",
            "Size M", "Blue", "Free shipping", "Subscribe", "Read review", "Compare", "Wishlist", "Apply coupon", "Details"};

    private final long seed;
    private final String host;
    private final int pages;
    private final int elementsPerPage;
    private final String[] urls;
    private final String[][] chains;

    Site(long seed, String host, int pages, int elementsPerPage) {
        this.seed = seed;
        this.host = host;
        this.pages = pages;
        this.elementsPerPage = elementsPerPage;
        this.urls = new String[pages];
        this.chains = new String[pages][];
    }

    int pages() {
        return pages;
    }

    int elementsPerPage() {
        return elementsPerPage;
    }

    String host() {
        return host;
    }

    String url(int page) {
        if (urls[page] == null) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + page);
            urls[page] = "https://" + host + "/" + SECTIONS[page % SECTIONS.length] + "/" + slug(random) + "-" + page
                    + (random.nextInt(4) == 0 ? "?ref=home" : "");
        }
        return urls[page];
    }

    String path(int page) {
        String url = url(page);
        int start = url.indexOf('/', "https://".length());
        int query = url.indexOf('?');
        return url.substring(start, query < 0 ? url.length() : query);
    }

    String chain(int page, int element) {
        if (chains[page] == null) {
            chains[page] = new String[elementsPerPage];
        }
        if (chains[page][element] == null) {
            chains[page][element] = ChainEncoder.encode(elements(new SplittableRandom(seed ^ (page * 7_919L + element * 104_729L)), page));
        }
        return chains[page][element];
    }

    private List<Element> elements(SplittableRandom random, int page) {
        int depth = 8 + random.nextInt(5);
        List<Element> elements = new ArrayList<>(depth);
        String tag = CLICKED_TAGS[random.nextInt(CLICKED_TAGS.length)];
        Element.Builder clicked = Element.builder().tagName(tag).nthChild(1 + random.nextInt(8)).nthOfType(1 + random.nextInt(4));
        classes(random, clicked, 1 + random.nextInt(3));
        if (!tag.equals("img") && !tag.equals("svg") && !tag.equals("input")) {
            String text = WORDS[random.nextInt(WORDS.length)];
            clicked.text(text);
        }
        if (tag.equals("a")) {
            clicked.href("/" + SECTIONS[random.nextInt(SECTIONS.length)] + "/" + slug(random)).attribute("attr__href", "/" + slug(random));
        }
        if (tag.equals("button") || tag.equals("input")) {
            clicked.attribute("attr__type", random.nextBoolean() ? "button" : "submit");
        }
        clicked.attribute("attr__data-attr", "el-" + page + "-" + random.nextInt(100_000));
        elements.add(clicked.order(0).build());
        for (int level = 1; level < depth - 1; level++) {
            Element.Builder container = Element.builder().tagName(CONTAINERS[random.nextInt(CONTAINERS.length)])
                    .nthChild(1 + random.nextInt(6)).nthOfType(1 + random.nextInt(3)).order(level);
            classes(random, container, random.nextInt(4) == 0 ? 2 : random.nextInt(2));
            if (random.nextInt(5) == 0) {
                String id = "block-" + random.nextInt(1_000);
                container.attrId(id).attribute("attr__id", id);
            }
            elements.add(container.build());
        }
        elements.add(Element.builder().tagName("body").nthChild(2).nthOfType(1).order(depth - 1).build());
        return elements;
    }

    private static void classes(SplittableRandom random, Element.Builder element, int count) {
        if (count == 0) {
            return;
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(CLASSES[random.nextInt(CLASSES.length)]);
        }
        element.attrClass(names).attribute("attr__class", String.join(" ", names));
    }

    private static String slug(SplittableRandom random) {
        StringBuilder slug = new StringBuilder();
        for (int i = 0, n = 6 + random.nextInt(10); i < n; i++) {
            slug.append((char) ('a' + random.nextInt(26)));
        }
        return slug.toString();
    }
}
