"""Code that runs inside the sandbox (standard library and pytest only), and the protocol
both sides speak."""
