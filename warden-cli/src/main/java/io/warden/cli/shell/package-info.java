/**
 * {@code warden shell}: an interactive and scriptable client shell with zkCli's commands, flags and
 * output formats, on Warden's own client. {@link io.warden.cli.shell.ShellCommand} is the entry
 * point; {@link io.warden.cli.shell.CommandTable} lists the commands.
 */
package io.warden.cli.shell;
