# async-governance hook, warm client in Perl (dist/cli/hook-client.pl, started by hook-client.sh
# where perl exists: it ships with Debian, Ubuntu and macOS). It does what the sh + curl client
# does, but in one process with no other program started: a curl start alone costs about 9 ms,
# Perl about 2. Usage: perl hook-client.pl PROJECT_DIR [hook flags], the event on stdin.
# Whenever no server answers, the event is checked by a cold `node hook.cjs` run instead; a
# server that cannot be reached never means "allow".
use strict;

my $cli = ($0 =~ m{^(.*)/[^/]*$} ? $1 : '.') . '/hook.cjs';
my $project = shift @ARGV;
my $input = do { local $/; binmode STDIN; <STDIN> } // '';
my $sock = '';
# A server that hangs up early must make a write fail (and the call run cold), not kill us.
$SIG{PIPE} = 'IGNORE';

# The cold path: the event goes to `node hook.cjs` on its stdin. It starts the server for the
# next calls when asked to (`start`).
sub cold {
  my ($start) = @_;
  alarm 0;
  $ENV{ASYNC_GOVERNANCE_START_SOCKET} = $sock if $start;
  open(my $hook, '|-', 'node', $cli, @ARGV) or exit 127;
  binmode $hook;
  print $hook $input;
  close $hook;
  exit($? & 127 ? 128 + ($? & 127) : $? >> 8);
}

# Hook flags the server takes as query parameters; anything else runs cold.
my @query;
for (my $i = 0; $i < @ARGV; $i++) {
  my $arg = $ARGV[$i];
  if ($arg eq '--fail-closed' || $arg eq '--post') { push @query, substr($arg, 2) . '=1' }
  elsif ($arg eq '--agent' && ($ARGV[$i + 1] // '') =~ /^[a-z]+$/) { push @query, 'agent=' . $ARGV[++$i] }
  elsif ($arg =~ /^--agent=([a-z]+)$/) { push @query, "agent=$1" }
  else { cold() }
}

# The node `command -v node` would find: the server is keyed by it.
my ($node) = grep { -f $_ && -x _ } map { ($_ eq '' ? '.' : $_) . '/node' } split /:/, $ENV{PATH} // '', -1;
cold() unless defined $node && defined $project;

# POSIX cksum (CRC-32 with the length appended), as the sh client computes the key.
sub cksum {
  my ($text) = @_;
  my @bytes = unpack 'C*', $text;
  for (my $n = length $text; $n; $n >>= 8) { push @bytes, $n & 255 }
  my $crc = 0;
  for my $byte (@bytes) {
    $crc ^= $byte << 24;
    $crc = ($crc & 0x80000000 ? ($crc << 1) ^ 0x04C11DB7 : $crc << 1) & 0xFFFFFFFF for 1 .. 8;
  }
  return ~$crc & 0xFFFFFFFF;
}

my $base = $ENV{XDG_RUNTIME_DIR} ? "$ENV{XDG_RUNTIME_DIR}/async-governance" : ($ENV{XDG_CACHE_HOME} || "$ENV{HOME}/.cache") . '/async-governance/run';
# One server per user (the folder), project, plugin version and Node executable.
$sock = "$base/" . 'hook-@VERSION@-' . cksum("$project\n$node\n") . '.sock';

cold(1) unless -e $base;
# Only a folder of ours that no one else can enter may hold the socket we trust.
my @dir = lstat $base;
cold() unless @dir && -d _ && $dir[4] == $> && ($dir[2] & 077) == 0;
my @socket = lstat $sock or cold(1);
cold() unless -S _ && $socket[4] == $>;

# AF_UNIX and SOCK_STREAM are 1 on Linux and the BSDs; the address layout is Linux's, elsewhere
# the Socket module builds it.
my $address = $^O eq 'linux' ? pack('S Z*', 1, $sock) : do { require Socket; Socket::pack_sockaddr_un($sock) };
socket(my $server, 1, 1, 0) or cold();
$SIG{ALRM} = sub { cold() };
# Whole seconds (alarm), rounded up: a fraction such as 0.5 still sets a limit.
alarm(int(($ENV{ASYNC_GOVERNANCE_WARM_TIMEOUT} || 10) + 0.999) || 1);
# Refused: nothing listens (a server that exited left its socket behind), start a new one.
connect($server, $address) or cold(1);
binmode $server;
my $path = '/hook' . (@query ? '?' . join('&', @query) : '');
my $request = "POST $path HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " . length($input) . "\r\n\r\n$input";
while (length $request) {
  my $sent = syswrite($server, $request) or cold();
  substr($request, 0, $sent, '');
}
my $reply = '';
while (1) {
  my $read = sysread($server, $reply, 65536, length $reply);
  cold() unless defined $read;
  last if $read == 0;
}
alarm 0;
my ($status, $body) = $reply =~ m{^HTTP/1\.\d (\d{3})[^\n]*\n.*?\r?\n\r?\n(.*)\z}s or cold();
# 503: the server stepped down (settings or the plugin changed): this call runs cold and starts a fresh one.
cold($status == 503) unless $status == 200;
my ($code, $out, $err) = $body =~ /^([02])\n([^\n]*)\n(.*)\z/s or cold();
binmode STDOUT;
binmode STDERR;
print STDOUT "$out\n" if length $out;
print STDERR $err;
exit $code;
