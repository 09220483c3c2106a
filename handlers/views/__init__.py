"""What the handlers show: texts, keyboards, per-question views and prompt formatting.

Views turn plain values (an Account, a service's frozen result, a prompt) into HTML text and
keyboards; they run no queries and call no services.
"""
