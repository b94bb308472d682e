package io.warden.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code warden --version}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"warden " + (version == null ? "development build" : version)};
    }
}
