package org.orchestration.ui.common;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.orchestration.core.auth.User;

/** Who is signed in. Every port call passes this user; the services decide what they may do. */
public final class Session {

    private final ReadOnlyObjectWrapper<User> user = new ReadOnlyObjectWrapper<>();

    public ReadOnlyObjectProperty<User> userProperty() {
        return user.getReadOnlyProperty();
    }

    public User user() {
        User u = user.get();
        if (u == null) {
            throw new IllegalStateException("No user signed in");
        }
        return u;
    }

    public boolean isAdmin() {
        return user.get() != null && user.get().isAdmin();
    }

    public void signIn(User u) {
        user.set(u);
    }

    public void signOut() {
        user.set(null);
    }
}
