package org.orchestration.ui.testing;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.demo.DemoBackend;

/** Small fixtures for toolkit-free view-model tests. */
public final class Stubs {

    private Stubs() {
    }

    /** A port whose every method throws {@code error}: for error states. */
    @SuppressWarnings("unchecked")
    public static <T> T failing(Class<T> port, RuntimeException error) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "failing " + port.getSimpleName() : null;
            }
            throw error;
        });
    }

    /** Runs work and callbacks at once on the calling thread. */
    public static UiTasks directTasks(ErrorFunnel errors) {
        return new UiTasks(UiExecutor.direct(), errors);
    }

    public static DemoBackend backend() {
        return new DemoBackend(new DemoBackend.Options(4, false, 200, 3, Duration.ZERO, 2), Clock.systemUTC()).firstRunDone();
    }

    public static Session signedIn(DemoBackend backend) {
        Session s = new Session();
        s.signIn(backend.localUser());
        return s;
    }
}
