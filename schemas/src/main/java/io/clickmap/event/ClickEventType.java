package io.clickmap.event;

import java.util.List;

/** The events Clickmap stores; every other event name is valid on the topic but skipped. */
public final class ClickEventType {
    public static final String AUTOCAPTURE = "$autocapture";
    public static final String RAGECLICK = "$rageclick";
    public static final String DEAD_CLICK = "$dead_click";
    public static final List<String> ALL = List.of(AUTOCAPTURE, RAGECLICK, DEAD_CLICK);

    private ClickEventType() {
    }

    public static boolean isClick(String event) {
        return AUTOCAPTURE.equals(event) || RAGECLICK.equals(event) || DEAD_CLICK.equals(event);
    }
}
