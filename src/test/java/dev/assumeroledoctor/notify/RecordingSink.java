package dev.assumeroledoctor.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A delivery target for tests: keeps what it is given; down, it throws as a target that cannot be reached. */
public final class RecordingSink implements DiagnosisSink {
    public final List<Notification> diagnoses = new CopyOnWriteArrayList<>();
    public final List<AlertNotification> warnings = new CopyOnWriteArrayList<>();
    public final AtomicBoolean down = new AtomicBoolean();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void deliver(Notification notification) {
        check();
        diagnoses.add(notification);
    }

    @Override
    public void deliver(AlertNotification alert) {
        check();
        warnings.add(alert);
    }

    private void check() {
        if (down.get()) {
            throw new IllegalStateException("the target is down");
        }
    }
}
