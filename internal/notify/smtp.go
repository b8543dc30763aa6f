package notify

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/smtp"
	"time"
)

// Mailer delivers a composed message to the recipients.
type Mailer interface {
	Send(ctx context.Context, from string, to []string, msg []byte) error
}

// SMTP is a Mailer that hands mail to an SMTP server (net/smtp).
type SMTP struct {
	// Addr is the server's host:port.
	Addr string
	// User and Password authenticate (PLAIN) when User is set; net/smtp
	// sends them only over TLS or to localhost.
	User, Password string
	// StartTLS upgrades the connection before anything else is said.
	StartTLS bool
	// TLS configures the upgrade; nil verifies the server's host name.
	TLS *tls.Config
	// Timeout bounds one delivery; 30 seconds when 0.
	Timeout time.Duration
}

// Send delivers msg from the envelope sender to the recipients.
func (s *SMTP) Send(ctx context.Context, from string, to []string, msg []byte) error {
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("send mail via %s: %w", s.Addr, err)
	}
	if deadline, ok := ctx.Deadline(); ok {
		conn.SetDeadline(deadline)
	}
	host, _, _ := net.SplitHostPort(s.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("send mail via %s: %w", s.Addr, err)
	}
	defer c.Close()
	if err := s.deliver(c, host, from, to, msg); err != nil {
		return fmt.Errorf("send mail via %s: %w", s.Addr, err)
	}
	return nil
}

func (s *SMTP) deliver(c *smtp.Client, host, from string, to []string, msg []byte) error {
	if err := c.Hello("localhost"); err != nil {
		return err
	}
	if s.StartTLS {
		cfg := s.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return err
		}
	}
	if s.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, host)); err != nil {
			return err
		}
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	for _, addr := range to {
		if err := c.Rcpt(addr); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}
